// Days in a zone moved to src-shared/zoned-time.ts, so the renderer counts a day exactly as main
// does (the analytics screen's click-through); this keeps main's existing imports working.
export * from '../../src-shared/zoned-time';
