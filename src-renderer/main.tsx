import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createClient } from './client';
import { loadReadingSettings } from './settings/store';
import './styles/base.css';

const root = document.getElementById('root');
if (!root) throw new Error('Gloss: #root is missing from index.html');
const client = createClient();
// Each view restores its own place; the browser's Back must not scroll the reader it is leaving.
window.history.scrollRestoration = 'manual';
// The theme and type are on <html> before the first render: no flash of the wrong theme.
void loadReadingSettings(client).finally(() =>
  createRoot(root).render(
    <StrictMode>
      <App client={client} />
    </StrictMode>,
  ),
);
