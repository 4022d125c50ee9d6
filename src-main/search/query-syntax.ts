// The search language lives in src-shared/search-syntax.ts: main and the window read queries alike.
export * from '../../src-shared/search-syntax';
