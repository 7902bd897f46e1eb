// The frame of the pages one sees outside the console's shell (sign-in and sign-up, the OAuth consent
// and device pages): a header with the brand on the left and a few controls on the right, and one
// <main> holding a single centred column.
export function CenteredCard({
  brand,
  actions,
  width = "md",
  children,
}: {
  brand: React.ReactNode;
  actions: React.ReactNode;
  width?: "md" | "lg";
  children: React.ReactNode;
}) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between px-6 py-4">
        {brand}
        {actions}
      </header>
      <main id="main" className="flex flex-1 items-start justify-center px-4 py-10">
        <div className={width === "lg" ? "w-full max-w-lg" : "w-full max-w-md"}>{children}</div>
      </main>
    </div>
  );
}
