import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsPlainText } from '#contracts';

export class LoginDto {
  @ApiProperty({ example: 'demo-officer' })
  @IsString() @IsPlainText() @MinLength(1) @MaxLength(100)
  username!: string;

  @ApiProperty()
  @IsString() @IsPlainText() @MinLength(1) @MaxLength(200)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString() @IsPlainText() @MinLength(1) @MaxLength(200)
  currentPassword!: string;

  @ApiProperty({ description: 'at least 12 characters, not the user name, not a common password' })
  @IsString() @IsPlainText() @MinLength(1) @MaxLength(200)
  newPassword!: string;
}
