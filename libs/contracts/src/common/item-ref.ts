import { IsInt, IsString, Min, MinLength } from 'class-validator';

/** A spot-check item as a task used it: code, name and the list version the task froze. */
export class ItemRef {
  @IsString()
  @MinLength(1)
  code!: string;

  @IsString()
  @MinLength(1)
  name!: string;

  @IsInt()
  @Min(1)
  version!: number;
}
