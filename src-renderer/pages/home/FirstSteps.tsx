import { Text, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleDashed } from '@tabler/icons-react';
import { FIRST_STEPS, type Home } from '../../../src-main/contract/home';
import { routeHref } from '../../app/route';

/** A new workspace's first steps, each a link to where it is taken, checked off as the store shows it done. */
export function FirstSteps({ steps }: { steps: Home['firstSteps'] }) {
  const done = steps.filter((step) => step.done).length;
  return (
    <section aria-labelledby="cu-home-first-steps" className="cu-first-steps">
      <Title order={2} id="cu-home-first-steps" size="h3">
        First steps
      </Title>
      <Text className="cu-muted" mb="sm">
        {done} of {steps.length} done. These make a new workspace ready for daily use; the list goes once every step is done.
      </Text>
      <ol className="cu-step-list">
        {steps.map((step) => {
          const spec = FIRST_STEPS[step.id];
          return (
            <li key={step.id} className={step.done ? 'cu-step cu-step--done' : 'cu-step'} data-step={step.id}>
              {step.done ? (
                <IconCircleCheck size={22} aria-hidden className="cu-step-icon" />
              ) : (
                <IconCircleDashed size={22} aria-hidden className="cu-step-icon" />
              )}
              <a href={routeHref(spec.opens.module, spec.opens.query)} className="cu-step-link">
                {spec.title}
              </a>
              <Text span size="sm" className="cu-muted" data-testid={`step-state-${step.id}`}>
                {step.done ? `Done. ${spec.done}` : 'To do.'}
              </Text>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
