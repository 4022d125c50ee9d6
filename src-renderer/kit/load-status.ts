// The life of a list read from main, shared by every store that loads one.
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'failed';
