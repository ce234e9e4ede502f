import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '#auth';
import { TokenIssuer } from './token-issuer.js';

/** The public key of the console's tokens: the services' AUTH_JWKS_URL points here. */
@ApiTags('tokens')
@Public()
@Controller('.well-known')
export class JwksController {
  constructor(private readonly issuer: TokenIssuer) {}

  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'JSON Web Key Set of the tokens the console mints (ES256)' })
  jwks() {
    return this.issuer.jwks();
  }
}
