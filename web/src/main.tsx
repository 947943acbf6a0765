import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import './i18n.js';
import './styles.css';
import { App } from './App.js';
import { queryClient } from './lib/contract/client.js';
// Last in the main bundle, after the stylesheets of the case page and the inbox: what a printed page keeps of them.
import './print.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
