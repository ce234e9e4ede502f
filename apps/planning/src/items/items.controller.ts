import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsMultilineText } from '#contracts';
import { CurrentUser, Public, type Principal } from '#auth';
import { CanWrite } from '../common/roles.js';
import { CreateItemDto, ItemFieldsDto, ListItemsQuery } from './dto/item.dto.js';
import { ItemsService, toPublished } from './items.service.js';

class RetireItemDto {
  @IsOptional() @IsString() @IsMultilineText() @MaxLength(500) note?: string;
}

@ApiTags('items (随机抽查事项清单)')
@Controller()
export class ItemsController {
  constructor(private readonly items: ItemsService) {}

  @Get('public/items')
  @Public()
  @ApiOperation({ summary: 'The published item list (public, no token)' })
  async list(@Query() q: ListItemsQuery) {
    return (await this.items.listCurrent(q.department)).map(toPublished);
  }

  @Get('public/items/:code/versions')
  @Public()
  @ApiOperation({ summary: 'Every version of an item (public)' })
  async versions(@Param('code') code: string) {
    return (await this.items.history(code)).map((v) => ({ ...toPublished(v), retired: v.retired, current: v.current, changeNote: v.changeNote, createdAt: v.createdAt }));
  }

  @Post('items')
  @CanWrite()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Add an item (version 1) and publish the list' })
  create(@CurrentUser() user: Principal, @Body() dto: CreateItemDto) {
    return this.items.create(user, dto);
  }

  @Put('items/:code')
  @CanWrite()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Edit an item: writes a new version and publishes the list' })
  revise(@CurrentUser() user: Principal, @Param('code') code: string, @Body() dto: ItemFieldsDto) {
    return this.items.revise(user, code, dto);
  }

  @Post('items/:code/retire')
  @CanWrite()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Take an item off the list (history kept)' })
  retire(@CurrentUser() user: Principal, @Param('code') code: string, @Body() dto: RetireItemDto) {
    return this.items.retire(user, code, dto.note);
  }
}
