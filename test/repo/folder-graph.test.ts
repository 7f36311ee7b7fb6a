import { describe, expect, it } from 'vitest'
import { aCycle, groupOf, layersOf, seamCrossings, twoWayPairs } from '../scripts/folder-graph.ts'

/** The folder check's reading of a graph (test/scripts/folder-imports.ts runs it on worker/src). */
const GRAPH = {
  'app.ts': ['routes/a.ts', 'env.ts'],
  'env.ts': [],
  'routes/a.ts': ['gate/g.ts', 'env.ts', 'routes/b.ts'],
  'routes/b.ts': [],
  'gate/g.ts': ['env.ts', 'routes/b.ts'],
}

describe('the folder graph', () => {
  it('groups by top folder, a root file by itself', () => {
    expect(['app.ts', 'routes/a.ts', 'vendors/persona/vendor.ts'].map(groupOf)).toEqual(['app.ts', 'routes', 'vendors'])
  })

  it('finds a two-way pair once, with its first import each way, and no pair within a folder or one way', () => {
    expect(twoWayPairs(GRAPH)).toEqual([
      {
        folders: ['gate', 'routes'],
        forward: { from: 'gate/g.ts', to: 'routes/b.ts' },
        backward: { from: 'routes/a.ts', to: 'gate/g.ts' },
      },
    ])
    expect(twoWayPairs({ ...GRAPH, 'gate/g.ts': ['env.ts'] })).toEqual([])
  })

  it('layers the groups bottom first, and names the groups a cycle leaves without a layer', () => {
    const oneWay = { ...GRAPH, 'gate/g.ts': ['env.ts'] }
    expect(layersOf(oneWay)).toEqual({ layers: [['env.ts'], ['gate'], ['routes'], ['app.ts']], cyclic: [] })
    expect(layersOf(GRAPH)).toEqual({ layers: [['env.ts']], cyclic: ['app.ts', 'gate', 'routes'] })
    expect(aCycle(GRAPH)).toEqual(['routes', 'gate', 'routes'])
    expect(aCycle(oneWay)).toBeNull()
  })

  it('finds imports that cross a seam other than through its door or its entries', () => {
    const graph = {
      'vendors/index.ts': ['vendors/x/vendor.ts'],
      'vendors/x/vendor.ts': ['kit/lookup.ts', 'lookup/types.ts'],
      'lookup/resolve.ts': ['vendors/index.ts', 'vendors/x/vendor.ts'],
      'kit/lookup.ts': ['lookup/types.ts'],
    }
    expect(seamCrossings(graph, { inside: 'vendors', door: 'kit', entries: ['vendors/index.ts'] })).toEqual([
      { from: 'vendors/x/vendor.ts', to: 'lookup/types.ts' },
      { from: 'lookup/resolve.ts', to: 'vendors/x/vendor.ts' },
    ])
  })
})
