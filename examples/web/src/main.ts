import { fetchDemoAssets } from './demo-assets.js';
import { setupInspectorPanel } from './inspector-panel.js';
import { registerBackends } from './register-backends.js';
import { setupVocoderPanel, type VocoderPanelHooks } from './vocoder-panel.js';

declare global {
  interface Window {
    /** Set once the page is ready; see VocoderPanelHooks. */
    weightnormDemo?: VocoderPanelHooks;
  }
}

registerBackends();
setupInspectorPanel();
// The inspector works without the demo files, so it is set up first and a fetch failure only stops the vocoder.
setupVocoderPanel(fetchDemoAssets()).then(
  (hooks) => {
    window.weightnormDemo = hooks;
  },
  // The panel has already put the reason in its status line; the console gets the stack.
  (e: unknown) => console.error(e),
);
