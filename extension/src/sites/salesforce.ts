import type { Workspace } from './workspace.ts'

/*
Salesforce Service Cloud. Lightning (console apps and sandboxes' <MyDomain>--<sandbox>.sandbox. hosts
included) is on <MyDomain>.lightning.force.com, records at /lightning/r/<Object>/<id>/view, console
subtabs kept in the page and hidden; Classic and setup on <MyDomain>.my.salesforce.com. Visualforce
frames (<MyDomain>--<namespace>.vf.force.com) run the script too (allFrames), each reporting to the
background. LWC shadow roots: synthetic ones are light DOM to us, native open ones are walked. Public
Experience Cloud sites (my.site.com, force.com sites) are never matched.
*/
export const SALESFORCE: Workspace = {
  hosts: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*', 'https://*.vf.force.com/*'],
  agentPages: ['https://*.lightning.force.com/lightning/*', 'https://*.my.salesforce.com/*', 'https://*.vf.force.com/apex/*'],
}
