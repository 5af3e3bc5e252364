import type { NextConfig } from 'next'

// The test app around the README's Next.js recipes (frameworks/test/next-start.test.ts).
const config: NextConfig = {
  // frameworks/ typechecks the recipes with its own tsc; Next need not do it again.
  typescript: { ignoreBuildErrors: true },
}

export default config
