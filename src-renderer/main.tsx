// Renderer entry: styles in cascade order (tokens, base, shared controls, then each area), then the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/theme.css';
import './styles/base.css';
import './components/components.css';
import './app/auth-layout.css';
import './app/app-layout.css';
import './features/home/home.css';
import './features/users/users.css';
import './features/audit/audit.css';
import './features/settings/settings.css';
import { App } from './app/App';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
