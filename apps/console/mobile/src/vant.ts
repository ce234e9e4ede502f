/**
 * The Vant components the app uses, each with its own styles (not the whole 200 kB style sheet), so the
 * first load stays small on 2G.
 */
import type { App } from 'vue';
import { Button, Cell, CellGroup, Dialog, Empty, Field, Loading, NavBar, NoticeBar, Popup, Tag } from 'vant';
import 'vant/es/button/style/index';
import 'vant/es/cell/style/index';
import 'vant/es/cell-group/style/index';
import 'vant/es/dialog/style/index';
import 'vant/es/empty/style/index';
import 'vant/es/field/style/index';
import 'vant/es/loading/style/index';
import 'vant/es/nav-bar/style/index';
import 'vant/es/notice-bar/style/index';
import 'vant/es/popup/style/index';
import 'vant/es/tag/style/index';
import 'vant/es/toast/style/index';

export function useVant(app: App): void {
  for (const c of [Button, Cell, CellGroup, Dialog, Empty, Field, Loading, NavBar, NoticeBar, Popup, Tag]) app.use(c);
}
