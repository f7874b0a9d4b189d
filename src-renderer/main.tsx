import './zod-jitless';
import '@fontsource-variable/inter';
import '@mantine/core/styles.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { applyThemeVariables } from './app/theme';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html is missing #root');

applyThemeVariables();

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
