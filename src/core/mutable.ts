/** `T` with its `readonly` modifiers removed: for a record built field by field before it is returned as `T`. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
