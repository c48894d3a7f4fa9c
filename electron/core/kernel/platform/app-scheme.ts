// Pure. The app's own URL scheme (gmao-atelier://…): reset and invitation links in emails, registered by the
// installers and by main. The email domain builds links with it; main's command line recognises link launches.
export const DEEP_LINK_SCHEME = 'gmao-atelier';
