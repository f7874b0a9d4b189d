import { app, dialog, Menu, type MenuItemConstructorOptions } from 'electron';

export function installAppMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    // macOS always treats the first menu as the application menu.
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { label: 'File', submenu: [{ role: 'quit' }] },
    { role: 'editMenu' },
    ...(app.isPackaged
      ? []
      : [
          {
            label: 'View',
            submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }],
          } satisfies MenuItemConstructorOptions,
        ]),
    { role: 'help', submenu: [{ label: 'About Custodian', click: showAbout }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function showAbout(): void {
  void dialog.showMessageBox({
    type: 'info',
    title: 'About Custodian',
    message: 'Custodian',
    detail: `Version ${app.getVersion()}`,
    buttons: ['OK'],
  });
}
