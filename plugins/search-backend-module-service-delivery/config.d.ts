import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /** The Service Delivery collator: agreements and open findings. */
      serviceDelivery?: {
        /**
         * How often the index is rebuilt; default every 30 minutes, first 30 seconds after
         * start-up.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
