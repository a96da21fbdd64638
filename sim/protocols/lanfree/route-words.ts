/** A route as a student reads it in the trace: each link in order. */
export const describeRoute = (route: readonly string[]): string => route.join(' → ');
