import './styles/app.scss';
import { mount } from 'svelte';
import App from './App.svelte';
import { setClock, systemClock } from './lib/clock';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
// The system's clock until the app says otherwise (App.svelte: a debug build's fixed clock).
setClock(systemClock());
mount(App, { target });
