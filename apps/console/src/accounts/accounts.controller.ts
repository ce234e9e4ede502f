import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '#auth';
import { ConsoleRoles, SessionGuard, type ConsoleRequest } from '../auth/session.guard.js';
import { AccountQueryDto, CreateAccountDto, DirectoryQueryDto, UpdateAccountDto } from './account.dto.js';
import { AccountsService } from './accounts.service.js';

/** Account administration (role admin), on the session cookie like every console route. */
@ApiTags('accounts')
@ApiCookieAuth()
@Public()
@UseGuards(SessionGuard)
@ConsoleRoles('admin')
@Controller()
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get('auth/accounts')
  @ApiOperation({ summary: 'Accounts, filtered by text, role and department' })
  list(@Query() q: AccountQueryDto) {
    return this.accounts.list(q);
  }

  @Post('auth/accounts')
  @ApiOperation({ summary: 'Creates a local account; answers its random initial password once' })
  create(@Body() dto: CreateAccountDto) {
    return this.accounts.create(dto);
  }

  @Patch('auth/accounts/:id')
  @ApiOperation({ summary: 'Changes name, roles, department, inspector link or status (disabling ends its sessions)' })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateAccountDto, @Req() req: ConsoleRequest) {
    return this.accounts.update(id, dto, req.consoleSession!.account.id);
  }

  @Post('auth/accounts/:id/reset-password')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new random initial password (to be changed at the next sign-in); unlocks, ends the sessions' })
  reset(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.accounts.resetPassword(id);
  }

  @Get('auth/directory/inspectors')
  @ApiOperation({ summary: "Planning's inspector directory, to link an inspector's account" })
  directory(@Query() q: DirectoryQueryDto) {
    return this.accounts.directory(q);
  }
}
