import { expect, test } from '../support/fixtures.js'

test.describe("the seed's cookie routes", () => {
  test('set, read and delete the username cookie', async ({ page, context, snap }) => {
    await page.goto('/cookie/get')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('No username cookie')

    await page.goto('/cookie/set')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cookie set: username=john')
    const set = (await context.cookies()).find((c) => c.name === 'username')
    expect(set).toMatchObject({ value: 'john', path: '/', httpOnly: true, sameSite: 'Lax' })
    await snap(page, 'cookie-set')

    await page.goto('/cookie/get')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, john!')
    await snap(page, 'cookie-get')

    await page.goto('/cookie/delete')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cookie deleted')
    expect((await context.cookies()).some((c) => c.name === 'username')).toBe(false)
    await snap(page, 'cookie-deleted')

    await page.goto('/cookie/get')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('No username cookie')
  })
})
