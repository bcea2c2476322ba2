import { Button, Group, Stack } from '@mantine/core';
import { type ErrorComponentProps, useRouter } from '@tanstack/react-router';
import { ButtonLink } from '../components/links';
import { PublicLayout } from '../components/PublicLayout';
import { Empty, ErrorState } from '../components/states';

export function NotFoundPage() {
  return (
    <PublicLayout title="Page not found">
      <Empty
        title="There is nothing at this address"
        description="The link may be old or mistyped. Start again from your roles."
      >
        <ButtonLink to="/roles">Go to roles</ButtonLink>
      </Empty>
    </PublicLayout>
  );
}

export function RouteErrorPage({ error }: ErrorComponentProps) {
  const router = useRouter();
  return (
    <PublicLayout title="Something went wrong">
      <Stack>
        <ErrorState error={error} title="This page could not be opened" />
        <Group>
          <Button onClick={() => void router.invalidate()}>Try again</Button>
          <ButtonLink to="/sign-in" variant="default">
            Sign in again
          </ButtonLink>
        </Group>
      </Stack>
    </PublicLayout>
  );
}
