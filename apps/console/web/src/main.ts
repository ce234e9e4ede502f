import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn.mjs';
import 'element-plus/dist/index.css';
import { createApp } from 'vue';
import App from './App.vue';
import { setUnauthorisedHandler } from './api/http';
import { bootError } from './boot';
import { errorText, showError } from './notify';
import { startRouter, toLogin } from './router';
import { vScrollable } from './scrollable';
import './styles.css';

const app = createApp(App);
app.use(ElementPlus, { locale: zhCn });
app.directive('scrollable', vScrollable);
// Whatever a page does not handle itself is shown, not swallowed.
app.config.errorHandler = (error) => showError(error);
window.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  showError(event.reason);
});
setUnauthorisedHandler(toLogin);
void startRouter()
  .catch((error: unknown) => {
    bootError.value = errorText(error);
  })
  .finally(() => app.mount('#app'));
