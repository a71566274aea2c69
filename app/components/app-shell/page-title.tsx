/** React 19 hoists <title> into the document head, on the server and in the browser. */
export function PageTitle({ children }: { children: string }) {
  return <title>{`${children} · Wijkwijs`}</title>;
}
