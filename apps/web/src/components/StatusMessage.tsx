/** A calm confirmation ("Saved.", "You have signed out."), announced politely; renders the live region even when empty. */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <div role="status" className="status-region">
      {message && <p className="notice notice-ok">{message}</p>}
    </div>
  );
}
