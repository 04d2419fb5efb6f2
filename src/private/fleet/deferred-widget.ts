import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/**
 * A dashboard widget whose content is built when the dashboard is rendered, not when it is
 * added. The fleet dashboard learns its functions from an aspect, after it was created;
 * `cloudwatch.Dashboard` lays its widgets out only when its body is resolved, after every
 * aspect has run, which is when this widget first asks `build` for its content.
 */
export class DeferredWidget implements cloudwatch.IWidget {
  private built?: cloudwatch.IWidget;

  constructor(private readonly build: () => cloudwatch.IWidget[]) {}

  public get width(): number {
    return this.content().width;
  }

  public get height(): number {
    return this.content().height;
  }

  public position(x: number, y: number): void {
    this.content().position(x, y);
  }

  public toJson(): any[] {
    return this.content().toJson();
  }

  private content(): cloudwatch.IWidget {
    this.built ??= new cloudwatch.Column(...this.build());
    return this.built;
  }
}
