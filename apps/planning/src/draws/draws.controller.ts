import { Body, Controller, Get, Header, Param, ParseIntPipe, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, type Principal } from '#auth';
import { CanRead, CanWrite } from '../common/roles.js';
import { DrawQueriesService } from './draw-queries.service.js';
import { DrawsService } from './draws.service.js';
import { AnnounceDrawDto, AssignmentsQuery, ExecuteDrawDto, ListDrawsQuery, SubstituteDto } from './dto/draw.dto.js';

@ApiTags('draws')
@ApiBearerAuth()
@Controller()
export class DrawsController {
  constructor(
    private readonly draws: DrawsService,
    private readonly queries: DrawQueriesService,
  ) {}

  @Post('tasks/:id/draw')
  @CanWrite()
  @ApiOperation({ summary: 'Announce the task’s draw: freeze and hash the populations, fix the rules, commit to a secret, name the public randomness' })
  announce(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AnnounceDrawDto) {
    return this.draws.announce(user, id, dto).then((d) => this.queries.get(user, d.id));
  }

  @Post('draws/:id/execute')
  @CanWrite()
  @ApiOperation({ summary: 'Execute the announced draw with the public value, once (a second or concurrent execute gets 409)' })
  async execute(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ExecuteDrawDto) {
    await this.draws.execute(user, id, dto);
    return this.queries.get(user, id);
  }

  @Post('draws/:id/reveal')
  @CanWrite()
  @ApiOperation({ summary: 'Reveal secret and seed, and publish the verifiable bundle' })
  reveal(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.draws.reveal(user, id);
  }

  @Post('draws/:id/substitutions')
  @CanWrite()
  @ApiOperation({ summary: '递补抽取: replace a drawn inspector who cannot take part, continuing the draw’s random stream' })
  substitute(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SubstituteDto) {
    return this.draws.substitute(user, id, dto);
  }

  @Get('draws')
  @CanRead()
  list(@CurrentUser() user: Principal, @Query() q: ListDrawsQuery) {
    return this.queries.list(user, q);
  }

  @Get('draws/:id')
  @CanRead()
  get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.queries.get(user, id);
  }

  @Get('draws/:id/exclusions/:index')
  @CanRead()
  @ApiOperation({ summary: 'Opens one exclusion of a version-2 draw (salt, reason record) so an auditor can check it against the published commitment; never public' })
  exclusion(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Param('index', new ParseIntPipe({ errorHttpStatusCode: 400 })) index: number) {
    return this.queries.exclusionOpening(user, id, index);
  }

  @Get('draws/:id/assignments')
  @CanRead()
  @ApiOperation({ summary: 'Drawn targets and their teams, with names (officers, admins, auditors)' })
  assignments(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Query() q: AssignmentsQuery) {
    return this.queries.assignments(user, id, q);
  }
}

@ApiTags('public draws')
@Controller('public/draws')
export class PublicDrawsController {
  constructor(private readonly queries: DrawQueriesService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Announced, executed and revealed draws (public)' })
  list(@Query('department') department?: string) {
    return this.queries.listPublic(department);
  }

  @Get(':id')
  @Public()
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.queries.getPublic(id);
  }

  @Get(':id/bundle')
  @Public()
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOperation({ summary: 'The verifiable bundle of a revealed draw (npm run verify-draw -- bundle.json)' })
  bundle(@Param('id', ParseUUIDPipe) id: string) {
    return this.queries.bundleJson(id);
  }
}
