export function registerInlineLookups(): void {}
