import { Module } from '@nestjs/common';
import { BadgeController } from './badge.controller.js';
import { BadgeService } from './badge.service.js';

/** 亮证亮码: the signed-in inspector's verifiable QR code (BADGE_SETTINGS comes from the app module). */
@Module({ controllers: [BadgeController], providers: [BadgeService] })
export class BadgeModule {}
