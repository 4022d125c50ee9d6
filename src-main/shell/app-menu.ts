// The application menu, as a pure template a test can read without Electron. A packaged build gets
// the app, edit and window roles only: no View menu, so no Reload (which would drop the renderer's
// state mid-task) and no Toggle Developer Tools. Development adds a Develop menu with both.
import type { MenuItemConstructorOptions } from 'electron';
import type { WindowBuild } from './window-options';

export function applicationMenuTemplate(platform: NodeJS.Platform, build: WindowBuild): MenuItemConstructorOptions[] {
  const app: MenuItemConstructorOptions = platform === 'darwin' ? { role: 'appMenu' } : { label: 'Vigil', submenu: [{ role: 'quit' }] };
  const template: MenuItemConstructorOptions[] = [app, { role: 'editMenu' }, { role: 'windowMenu' }];
  if (!build.packaged) template.push({ label: 'Develop', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }] });
  return template;
}
