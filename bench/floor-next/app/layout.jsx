// The bare floor app's root layout: an html and a body, nothing else (no fonts, styles or scripts of
// our own).
export const metadata = { title: "Floor" };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
