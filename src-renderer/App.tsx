export function App() {
  const version = window.custodian?.version;
  return (
    <main>
      <h1>Custodian</h1>
      <p>
        The desktop window is being built. Until then, every function is available from the <code>custodian</code> command line — see the
        README.
      </p>
      {version !== undefined && <p className="version">Version {version}</p>}
    </main>
  );
}
