import { Badge, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { feedbackQuery } from '../../api/feedback';
import { ButtonLink } from '../links';

/** On the application page: open the feedback editor, saying whether feedback is written yet. */
export function FeedbackLink({ applicationId }: { applicationId: string }) {
  const feedback = useQuery(feedbackQuery(applicationId));
  const status = feedback.data?.feedback.status;
  return (
    <Group gap="sm" mt="md" wrap="wrap" data-testid="feedback-link">
      <ButtonLink
        to="/applications/$applicationId/feedback"
        params={{ applicationId }}
        variant={status ? 'default' : 'light'}
      >
        {status ? 'Review feedback' : 'Write feedback'}
      </ButtonLink>
      {status ? (
        <Badge variant="light" radius="sm" color={status === 'approved' ? 'teal' : 'gray'}>
          Feedback {status === 'approved' ? 'approved' : 'draft'}
        </Badge>
      ) : (
        <Text size="sm" c="dimmed">
          Drafted from the submitted scorecards, checked, then approved before it is sent.
        </Text>
      )}
    </Group>
  );
}
