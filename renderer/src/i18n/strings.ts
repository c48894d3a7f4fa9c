// Renderer. The shape a translation must have: the French reference's keys, every value a string.
export type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
