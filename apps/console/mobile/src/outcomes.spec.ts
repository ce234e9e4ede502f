import { RECTIFICATION_OUTCOMES as CONTRACT_RECTIFICATION, RESULT_OUTCOMES as CONTRACT_OUTCOMES, RECTIFICATION_ORDER_OUTCOMES } from '#contracts';
import { PROBLEM_OUTCOMES, RECTIFICATION_OUTCOMES, RESULT_OUTCOMES } from './outcomes';

describe('the phone app’s copy of the result categories', () => {
  it('is the contract’s list, in its order', () => {
    expect([...RESULT_OUTCOMES]).toEqual([...CONTRACT_OUTCOMES]);
    expect([...RECTIFICATION_OUTCOMES]).toEqual([...CONTRACT_RECTIFICATION]);
  });

  it('asks for a non-compliant point exactly where the contract orders rectification', () => {
    expect([...PROBLEM_OUTCOMES].sort()).toEqual([...RECTIFICATION_ORDER_OUTCOMES].sort());
  });
});
