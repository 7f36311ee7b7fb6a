import type { Signal } from '@preact/signals'
import type { ComponentChildren } from 'preact'
import type { IdKind } from '@idv-lens/shared/ids'
import type { DetailSection, Send, WatchSeen } from '../kit/relay.ts'
import type { Filterable } from '../kit/views.ts'
import type { Resource } from '../kit/stores.ts'
import type { Listed } from './vendor.ts'

/*
What a vendor shows in the extension's pages, found by folder: each list's row and filters
(vendors/<name>/<name>-rows.tsx, vendors/rows.ts), each ID kind's detail (<name>-details.tsx,
vendors/details.ts). Only the popup and the side panel load these (the popup no details); the
background and the content scripts never do.
*/

export type RowProps<T> = { item: T; onOpen: (id: string) => void }

/** A list's row and its filters (none: the list has no filters). Methods: rows of different items sit side by side. */
export type ListViewDef<T extends Listed = Listed> = {
  Row(props: RowProps<T>): ComponentChildren
  Filters?(props: { list: Filterable }): ComponentChildren
}

/** What the detail store needs of any detail view; a vendor's model adds its own sections. */
export type DetailModel = {
  kind: IdKind
  id: string
  /** The record itself (`getRecord`): the view's header, freshness and failure go by it. */
  main: Resource<unknown>
  /** Loaded with the record. */
  first: Resource<unknown>[]
  /** Loaded once the record is there (they need its status, references or reference ID). */
  after: Resource<unknown>[]
  /** The section a card's button opened the detail on, for views that have such sections. */
  focus?: Signal<DetailSection | null>
  /** Object IDs the view shows besides its own: a change to one re-reads it. */
  idsShown(): string[]
  /** What it shows of the record's status, a watch's baseline; null: not watchable. */
  seen(): WatchSeen | null
}

/** What a detail model is made with. `reload`: the view reloads itself past the relay's cache (after a write). */
export type DetailContext = { kind: IdKind; id: string; send: Send; now: () => number; reload: () => void }

export type DetailDef<M extends DetailModel = DetailModel> = {
  create(context: DetailContext): M
  Body(props: { view: M; onOpen: (id: string) => void }): ComponentChildren
}

/** By list key: every list of the vendor that has a tab. */
export type VendorRows = Readonly<Record<string, ListViewDef>>

/** By ID kind: the kinds the side panel shows a detail of. */
export type VendorDetails = Partial<Record<IdKind, DetailDef>>
