import { Module } from '@nestjs/common';
import { DirectoryHandlers } from './directory.handlers.js';

/** Inspection's copies of planning's inspector directory and published item list (event-fed). */
@Module({ providers: [DirectoryHandlers] })
export class DirectoryModule {}
