import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createClient } from './client';
import './styles/base.css';

const root = document.getElementById('root');
if (!root) throw new Error('Gloss: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App client={createClient()} />
  </StrictMode>,
);
