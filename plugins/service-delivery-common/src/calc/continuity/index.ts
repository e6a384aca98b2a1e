/*
 * IT Service Continuity Management: the recovery objectives a service declares against its tier's
 * policy, whether its DR plan is tested often enough and proved the objectives, whether anything it
 * depends on recovers more slowly than it must, what an hour of outage costs, and its risk register.
 */
export * from './policy';
export * from './drTests';
export * from './risk';
export * from './recoveryInversions';
export * from './checks';
