import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '#auth';
import { CanRead, CanWrite } from '../common/roles.js';
import { CreateInspectorDto, ListInspectorsQuery, UpdateInspectorDto } from './dto/inspector.dto.js';
import { InspectorsService } from './inspectors.service.js';

@ApiTags('inspectors (执法检查人员名录库)')
@ApiBearerAuth()
@Controller('inspectors')
export class InspectorsController {
  constructor(private readonly inspectors: InspectorsService) {}

  @Get()
  @CanRead()
  list(@CurrentUser() user: Principal, @Query() q: ListInspectorsQuery) {
    return this.inspectors.list(user, q);
  }

  @Get(':id')
  @CanRead()
  get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.inspectors.get(user, id);
  }

  @Post()
  @CanWrite()
  @ApiOperation({ summary: 'Add an inspector (执法证 holder) with certified categories, leave and declared conflicts' })
  create(@CurrentUser() user: Principal, @Body() dto: CreateInspectorDto) {
    return this.inspectors.create(user, dto);
  }

  @Patch(':id')
  @CanWrite()
  update(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateInspectorDto) {
    return this.inspectors.update(user, id, dto);
  }
}
