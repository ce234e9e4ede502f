import { createApp } from 'vue';
import App from './App.vue';
import { registerPwa } from './pwa';
import { startRouter } from './router';
import { useVant } from './vant';
import './styles.css';

const app = createApp(App);
useVant(app);
app.mount('#app');
startRouter();
void registerPwa();
