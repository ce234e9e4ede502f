import { IsIn, IsOptional } from 'class-validator';
import { AppEnv } from '#platform';

/** Planning's settings on top of every app's (validated at start like the rest). */
export class PlanningEnv extends AppEnv {
  /**
   * `true`: the public record of a draw names the credit class (A–D) of each drawn firm. Default
   * `false`: the class is published only per stratum (sizes, sample sizes) — see
   * docs/draw-algorithm.md §10 "Credit classes". Frozen into each draw at its announcement.
   */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'DRAW_PUBLISH_CREDIT_CLASS must be true or false' })
  DRAW_PUBLISH_CREDIT_CLASS: 'true' | 'false' = 'false';
}
