import { Module } from '@nestjs/common';
import { TrajectoriesModule } from '../trajectories/trajectories.module';
import { HandoversController, TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

/** The partners' inbox: tasks and handovers; what is done is told to the trajectory's workflow through its port. */
@Module({
  imports: [TrajectoriesModule],
  controllers: [TasksController, HandoversController],
  providers: [TasksService],
})
export class TasksModule {}
