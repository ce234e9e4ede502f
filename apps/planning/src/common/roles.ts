import { Roles } from '#auth';

/** Who may read planning records: officers of the department, admins and auditors (never inspectors). */
export const CanRead = () => Roles('officer', 'admin', 'auditor');

/** Who may change planning records: officers (of the department, checked per record) and admins. */
export const CanWrite = () => Roles('officer', 'admin');
