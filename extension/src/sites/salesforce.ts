import type { Workspace } from './workspace.ts'

/*
Salesforce Service Cloud. Lightning Experience, its console apps included, lives on
<MyDomain>.lightning.force.com (a sandbox adds a label: <MyDomain>--<sandbox>.sandbox.lightning.force.com,
which the same pattern covers); records are /lightning/r/<Object>/<id>/view, console tabs and
subtabs are kept in the page, the inactive ones hidden. Classic and setup pages are on
<MyDomain>.my.salesforce.com. Visualforce pages come from <MyDomain>--<namespace>.vf.force.com, as
frames inside a Lightning page: the script runs in those frames too (the manifest's allFrames), and
each frame reports to the background, which counts one tab's frames once.
Lightning web components render into shadow roots: synthetic ones (a polyfill our isolated world
does not see, so light DOM to us) or native open ones, which the scan walks and the hit test enters.
Public Experience Cloud sites are on other hosts (my.site.com, force.com sites), never matched.
*/
export const SALESFORCE: Workspace = {
  hosts: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*', 'https://*.vf.force.com/*'],
  agentPages: ['https://*.lightning.force.com/lightning/*', 'https://*.my.salesforce.com/*', 'https://*.vf.force.com/apex/*'],
}
