import { explain, type MediaCheckErrorView } from '../media/media-check-error';

/** A sentence for the person and the code for whoever helps them; the raw message stays in the console. */
export function ErrorNotice({ error }: { error: MediaCheckErrorView }) {
  return (
    <div className="notice notice-error" role="alert">
      <p>{explain(error.code)}</p>
      <p className="notice-code">
        Error code: <code>{error.code}</code>
      </p>
    </div>
  );
}
