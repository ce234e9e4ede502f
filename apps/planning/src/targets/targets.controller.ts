import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '#auth';
import { CanRead, CanWrite } from '../common/roles.js';
import { CreateTargetDto, ListTargetsQuery, UpdateTargetDto } from './dto/target.dto.js';
import { TargetsService } from './targets.service.js';

@ApiTags('targets (检查对象名录库)')
@ApiBearerAuth()
@Controller('targets')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  @Get()
  @CanRead()
  @ApiOperation({ summary: 'List targets (filters, paging)' })
  list(@CurrentUser() user: Principal, @Query() q: ListTargetsQuery) {
    return this.targets.list(user, q);
  }

  @Get(':id')
  @CanRead()
  get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.targets.get(user, id);
  }

  @Post()
  @CanWrite()
  @ApiOperation({ summary: 'Add a target (credit code checked against its GB 32100 check character)' })
  create(@CurrentUser() user: Principal, @Body() dto: CreateTargetDto) {
    return this.targets.create(user, dto);
  }

  @Patch(':id')
  @CanWrite()
  @ApiOperation({ summary: 'Change a target (close it with status=closed; entries are never deleted)' })
  update(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateTargetDto) {
    return this.targets.update(user, id, dto);
  }
}
