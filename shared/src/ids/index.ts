/** @module Recognising vendor IDs in text and values: patterns, scanner, dashboard links. */
export * from './patterns.ts'
export * from './id-examples.ts'
export * from './scan.ts'
export * from './dashboard.ts'
export * from '../vendors/id-registry.ts'
