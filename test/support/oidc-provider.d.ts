// oidc-provider ships no type declarations; the console's OIDC test uses only its constructor and listen().
declare module 'oidc-provider' {
  const Provider: new (issuer: string, configuration: Record<string, unknown>) => { listen(port: number): unknown };
  export default Provider;
}
