/** @type {import('next').NextConfig} */
export default {
  poweredByHeader: false,
  reactStrictMode: true,
  // Another build directory lets two checkouts' worth of builds and test runs share one tree without clashing.
  distDir: process.env.WEB_DIST_DIR || ".next",
};
