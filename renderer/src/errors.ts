/**
 * What the page says for an error, by its stable code: most messages from the services are
 * already in words and are shown as they are; a few codes mean something the user must do
 * outside the app, and get that explanation here, once, for every screen.
 */
import type { ApiError } from '../../shared/api/errors';

/** The message to show for `error`. */
export function explainError(error: ApiError): string {
  switch (error.code) {
    case 'PROJECT_LOCKED':
      return 'The project is in use by another program or another Realist Workbench window, so this was not saved. Wait a moment and try again; if it keeps happening, close the other program or window.';
    case 'UNAUTHORIZED':
      return `This page has no valid access key. Open the address printed in the terminal where Realist Workbench was started (it ends in ?token=…).`;
    default:
      return error.message;
  }
}
